"""Files handed to others: the workbook (XlsxWriter), the database (SQLite) and the web
catalogue (Jinja2, plotly.js)."""

"""Word documents in (`budgetcli import`): a .docx or Word's text as rows, a page of the
proposal template read into a proposal, figures read strictly, the plan checked and written."""

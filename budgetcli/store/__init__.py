"""Loading a whole data set: each file through its stages once, in worker processes when there
are many, and the result of each file cached by its content. Imports ``files`` and ``core``."""

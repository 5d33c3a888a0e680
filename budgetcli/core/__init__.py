"""The budget as values and the pure rules over them: no file, no terminal, no other layer.

Imports nothing of budgetcli outside ``core`` (held by ``tests/test_layers.py``).
"""

"""budgetcli's commands, one a module: each parses its options, calls one function of the
layers below (store, core, folder, word, publish) and renders what it gives (text)."""

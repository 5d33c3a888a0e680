from budgetcli.cli import main

main()

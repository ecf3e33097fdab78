from .cli.check import main

main()

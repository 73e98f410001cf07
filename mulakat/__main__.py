from mulakat.cli.app import main

main()

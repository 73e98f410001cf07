from mulakat.cli import main

main()

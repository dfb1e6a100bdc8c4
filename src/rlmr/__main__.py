from rlmr.cli import main

main()

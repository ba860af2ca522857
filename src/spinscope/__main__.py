"""Run the command-line interface: ``python -m spinscope``."""

from spinscope.cli import main

main()

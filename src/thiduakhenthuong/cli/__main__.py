"""``python -m thiduakhenthuong.cli``."""
from . import main

main()

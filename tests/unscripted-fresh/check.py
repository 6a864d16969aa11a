#!/usr/bin/env python3
"""Validate the caller personas in this directory (tests/unscripted-fresh, NNN 201-230) with
the validator of tests/unscripted-fresh2 (same checks, this set's numbers)."""
import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("check", HERE.parent / "unscripted-fresh2" / "check.py")
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)
check.HERE, check.FIRST, check.LAST = HERE, 201, 230

if __name__ == "__main__":
    sys.exit(check.main())

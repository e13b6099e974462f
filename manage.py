#!/usr/bin/env python
"""Kept for tools that expect it; people run `naober` instead."""

from naober.__main__ import main

if __name__ == "__main__":
    main()

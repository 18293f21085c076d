"""Dates: the Copenhagen clock, Danish public holidays, and counting in working days."""

"""Reports: the status report for a ledermøde, the årshjul wheel (SVG) and other exports."""

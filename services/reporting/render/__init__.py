"""Renderings of the consolidated report: .docx (Decree 30 layout) and .xlsx."""

"""Reading a report: bytes to text (load, formats/), text ready for matching (normalize), sections and sentences (structure)."""

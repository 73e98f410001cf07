"""Skills: the taxonomy and its importers, the span taggers and their training, linking to a taxonomy,
and extraction of skills and requirements with evidence."""

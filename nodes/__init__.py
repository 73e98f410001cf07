"""Graph nodes, one module each: analyzer, evaluator, feedback, guidance."""

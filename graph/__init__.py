"""The LangGraph graph: typed state and the builder that wires the nodes."""

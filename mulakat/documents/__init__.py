"""Reading a resume or a job posting: file to text, sections, and a parse-quality verdict."""

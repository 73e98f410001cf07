"""What the tests share: paths, sample texts, fakes and helpers. Plain modules, never test modules."""

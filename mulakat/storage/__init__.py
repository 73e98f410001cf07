"""Where things are kept and reached: settings, PostgreSQL and its migrations, vector tables, embeddings,
the chat model, tracing, auth and retention."""

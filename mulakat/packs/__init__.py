"""Our knowledge packs: loading them, and keeping the knowledge store in step with them."""

"""The bundled JSON Schemas: loading, navigating, validating and translating errors."""

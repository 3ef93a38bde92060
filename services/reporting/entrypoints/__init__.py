"""The reporting service's entrypoints, one module per concern, mixed into
``ReportingService``. Imported as modules by service.py so that `nameko run`
finds only the service class there (it starts every class with entrypoints it
sees in the module)."""

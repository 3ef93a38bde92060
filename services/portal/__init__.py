"""The district portal's gRPC edge (protos/eoffice/reporting/v1/portal.proto).

A plain grpcio server in its own process — grpcio does not run under eventlet's
monkey-patching, which nameko needs — that answers from the reporting service
through nameko's standalone RPC proxy, one proxy per server thread.
Run: ``python -m services.portal.server [--config deploy/config.yaml]``.
"""

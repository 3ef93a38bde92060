"""The gateway's HTTP endpoints, one module per area, mixed into ``GatewayService``.
Handlers are thin: authenticate (done by ``http.api``), call a service, return."""

"""Generated from protos/eoffice/reporting/v1/portal.proto by services.portal.codegen.
Do not edit: change the .proto and run `python -m services.portal.codegen`."""
PROTO_SHA256 = "f1aaa304976c14a8bba8b86bb2b714e8d9d4926c5dcd85b275bdbed20655d58e"

"""RPC entrypoints of the documents service that deal with file formats
(mixed into ``DocumentsService``)."""


class FormatsEntrypoints:
    pass

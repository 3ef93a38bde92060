"""Official document formats: Decree 30 .docx rendering, metadata extraction from
.docx, edXML (QCVN 102:2016) import/export."""

"""Schemathesis hooks for courtflow's fuzz run (loaded through SCHEMATHESIS_HOOKS).

Uploads take the PDF itself as the body (application/pdf): fuzz it as any
binary body, so the upload routes are tested with arbitrary bytes.
"""
import schemathesis

schemathesis.serializer.alias("application/pdf", "application/octet-stream")

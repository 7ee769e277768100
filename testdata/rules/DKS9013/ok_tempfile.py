import tempfile


def scratch():
    """Writes to a directory under /tmp made by tempfile."""
    with tempfile.TemporaryDirectory() as d:
        return d


TEMPLATE = "stored in /tmpfs mounts"

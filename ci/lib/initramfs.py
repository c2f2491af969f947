"""Write a gzip-compressed newc cpio archive (Linux initramfs) without root.

The archive is made from a staging directory on disk (regular files,
directories and symlinks, with their permission bits; owner always root)
plus extra entries that need privileges to create on disk (device nodes).
"""

import gzip
import os
import stat


class NewcWriter:
    def __init__(self, fileobj):
        self.f = fileobj
        self.ino = 1000
        self.seen = set()

    def _entry(self, name, mode, data=b"", nlink=1, rdev=(0, 0), mtime=0):
        name = name.lstrip("/") or "."
        if name in self.seen:
            raise ValueError("duplicate initramfs entry %s" % name)
        self.seen.add(name)
        self.ino += 1
        nb = name.encode() + b"\0"
        fields = (self.ino, mode, 0, 0, nlink, mtime, len(data), 0, 0,
                  rdev[0], rdev[1], len(nb), 0)
        hdr = b"070701" + b"".join(b"%08X" % v for v in fields)
        self.f.write(hdr + nb)
        self.f.write(b"\0" * ((4 - (len(hdr) + len(nb)) % 4) % 4))
        self.f.write(data)
        self.f.write(b"\0" * ((4 - len(data) % 4) % 4))

    def directory(self, name, perm=0o755):
        self._entry(name, stat.S_IFDIR | perm, nlink=2)

    def file(self, name, data, perm=0o644):
        self._entry(name, stat.S_IFREG | perm, data=data)

    def symlink(self, name, target):
        self._entry(name, stat.S_IFLNK | 0o777, data=target.encode())

    def chardev(self, name, major, minor, perm=0o600):
        self._entry(name, stat.S_IFCHR | perm, rdev=(major, minor))

    def trailer(self):
        self._entry("TRAILER!!!", 0, nlink=1)


def pack(root, out, devices=(), level=6):
    """Pack directory ROOT into gzip newc cpio OUT.

    devices: iterable of (path, 'c', major, minor, perm) added as nodes
    (their parent directories must exist in ROOT)."""
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb",
                                               compresslevel=level, mtime=0) as gz:
        w = NewcWriter(gz)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            rel = os.path.relpath(dirpath, root)
            if rel != ".":
                w.directory(rel, stat.S_IMODE(os.lstat(dirpath).st_mode))
            # symlinks to directories appear in dirnames: os.walk does not follow them
            for name in sorted(filenames + [d for d in dirnames
                                            if os.path.islink(os.path.join(dirpath, d))]):
                path = os.path.join(dirpath, name)
                arc = os.path.normpath(os.path.join(rel, name))
                st = os.lstat(path)
                if stat.S_ISLNK(st.st_mode):
                    w.symlink(arc, os.readlink(path))
                elif stat.S_ISREG(st.st_mode):
                    with open(path, "rb") as f:
                        w.file(arc, f.read(), stat.S_IMODE(st.st_mode))
                # anything else (sockets, fifos) is skipped
        for path, kind, major, minor, perm in devices:
            if kind != "c":
                raise ValueError("only character devices supported")
            w.chardev(path, major, minor, perm)
        w.trailer()

#!/usr/bin/env python3
"""benchchart.py RESULTS.json OUT.png: the ratios of ci/bench's figures,
both arches side by side (1 = what the same work costs with no hypervisor).
A throughput's ratio is the limit's over bulkhead's, a ratio of times like
the others; its label says so."""

import json
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def label(r):
    return r["figure"] + (" (time)" if r.get("throughput") else "")


def main(results, png):
    with open(results) as f:
        arches = json.load(f)["arches"]
    names = []
    for data in arches.values():
        for r in data["figures"]:
            if r["ratio"] is not None and label(r) not in names:
                names.append(label(r))
    if not names:
        return 0
    order = sorted(arches)
    height = 0.8 / len(order)
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(names) + 1.5))
    for n, arch in enumerate(order):
        by = {label(r): r["ratio"] for r in arches[arch]["figures"]}
        ys = [i + n * height for i in range(len(names))]
        bars = ax.barh(ys, [by.get(name) or 0 for name in names], height,
                       label="%s (%s)" % (arch, arches[arch].get("date", "")[:10]))
        for bar, name in zip(bars, names):
            if by.get(name) is not None:
                ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                        " x%.2f" % by[name], va="center", fontsize=7)
    ax.set_yticks([i + height * (len(order) - 1) / 2 for i in range(len(names))])
    ax.set_yticklabels(names, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(1.0, color="black", linewidth=0.8)
    # A device figure far from 1 (virtio through root's backend) would
    # flatten every other bar on a linear axis.
    top = max((r["ratio"] or 0) for data in arches.values() for r in data["figures"])
    if top > 10:
        ax.set_xscale("log")
        ax.set_xlim(left=0.1)
    ax.set_xlabel("bulkhead / limit, same run (1 = no cost). QEMU TCG figures, not hardware.")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

"""The notebook's own training loops in PyTorch, timed on this machine: the reference that
`npm run bench -- --reference=FILE` prints beside our epoch times. Optional (the bench never
needs Python); run it in the same window as the bench, since this machine's speed moves.

    python3 scripts/bench/pytorch_reference.py [--epochs=3] [--threads=2] > /tmp/pytorch.json

Reads the four MNIST files the site serves (static/data/mnist, made by `npm run prepare-data`).
Linear: the notebook's In [19]-[22], x @ weights + bias, cross_entropy, loss.backward(),
p.data -= p.grad * lr, with batches sliced from one tensor in file order, batch 256.
Net: the same loop around the notebook's nn.Sequential(Linear(784, 30), ReLU(), Linear(30, 10)).
Prints the median epoch time of each as JSON.
"""

import gzip
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

DATA = Path(__file__).resolve().parents[2] / "static" / "data" / "mnist"
BATCH = 256
LR = 0.1


def option(name, fallback):
    prefix = f"--{name}="
    return next((a[len(prefix):] for a in sys.argv[1:] if a.startswith(prefix)), fallback)


def idx(name, offset):
    with gzip.open(DATA / name, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def train_epoch(model, params, x, y):
    for i in range(0, len(x), BATCH):
        loss = F.cross_entropy(model(x[i : i + BATCH]), y[i : i + BATCH])
        loss.backward()
        for p in params:
            p.data -= p.grad * LR
            p.grad.zero_()


def median_epoch(model, params, x, y, epochs):
    train_epoch(model, params, x, y)  # warm-up
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        train_epoch(model, params, x, y)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    epochs = int(option("epochs", "3"))
    threads = int(option("threads", "2"))
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = torch.tensor(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y = torch.tensor(idx("train-labels-idx1-ubyte.gz", 8), dtype=torch.int64)

    weights = (torch.randn(784, 10)).requires_grad_()
    bias = (torch.randn(10)).requires_grad_()
    linear = median_epoch(lambda xb: xb @ weights + bias, [weights, bias], x, y, epochs)

    net = torch.nn.Sequential(torch.nn.Linear(784, 30), torch.nn.ReLU(), torch.nn.Linear(30, 10))
    mlp = median_epoch(net, list(net.parameters()), x, y, epochs)

    machine = (
        f"the notebook's loop in PyTorch {torch.__version__.split('+')[0]} ({threads} thread{'s' if threads != 1 else ''}, "
        f"tensor slicing, batch {BATCH}), median of {epochs} epochs on {platform.node() or 'this machine'}"
    )
    print(json.dumps({"linear": round(linear, 3), "mlp": round(mlp, 3), "machine": machine}, indent="\t"))


if __name__ == "__main__":
    main()

"""PyTorch peer of `sedlab bench --peer`: the same model and workloads, timed on request.

Protocol (one line per request on stdin, one line per answer on stdout):
    <workload> -> "<workload> <milliseconds>"      workloads: train_step_b512, train_step_multitask_b512,
                                                   centroids_1024, coupling_1024, analysed_checkpoint
    rss        -> "rss <peak resident MiB>"
    quit
The Java side interleaves its own timings with these (A B A B ...), so both see the same machine load.
Run with Debian's interpreter and one thread: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 torch_peer.py
"""
import resource
import sys
import time

import torch
import torch.nn.functional as F

from torch_reference import Reference

P = 97
ATTENTION = ["encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.0.self_attn.out_proj.weight",
             "encoder.layers.1.self_attn.in_proj_weight", "encoder.layers.1.self_attn.out_proj.weight"]


def main():
    torch.set_num_threads(1)
    torch.manual_seed(42)
    model = Reference(P, ["head"])
    params = dict(model.named_parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.98), weight_decay=1.0)
    g = torch.Generator().manual_seed(1)
    a, b = torch.randint(0, P, (512,), generator=g), torch.randint(0, P, (512,), generator=g)
    pa, pb = torch.randint(0, P, (1024,), generator=g), torch.randint(0, P, (1024,), generator=g)
    py = (pa + pb) % P
    attention = [params[k] for k in ATTENTION]
    norm = torch.sqrt(sum((w.detach() ** 2).sum() for w in attention))
    eps = 0.005 * float(norm)

    def train_step():
        loss = F.cross_entropy(model.from_embedded(model.embed(a, b))[0], (a + b) % P)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    heads = ["head_add", "head_sub", "head_mul", "head_sq"]
    multitask = Reference(P, heads)
    multitask_opt = torch.optim.AdamW(multitask.parameters(), lr=1e-3, betas=(0.9, 0.98), weight_decay=1.0)
    ma, mb = 1 + torch.randint(0, P - 1, (512,), generator=g), 1 + torch.randint(0, P - 1, (512,), generator=g)
    labels = [(ma + mb) % P, (ma - mb) % P, (ma * mb) % P, (ma * ma + mb * mb) % P]

    def multitask_step():
        logits = multitask.from_embedded(multitask.embed(ma, mb))
        loss = sum(F.cross_entropy(z, y) for z, y in zip(logits, labels))
        multitask_opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(multitask.parameters(), 1.0)
        multitask_opt.step()

    def centroids():
        e = model.embed(pa, pb).detach().requires_grad_(True)
        z = model.from_embedded(e)[0].gather(1, py.unsqueeze(1)).sum()
        return torch.autograd.grad(z, e)[0].reshape(len(pa), -1)

    def response(direction):
        with torch.no_grad():
            for w, d in zip(attention, direction):
                w.add_(eps * d)
        plus = centroids()
        with torch.no_grad():
            for w, d in zip(attention, direction):
                w.sub_(2 * eps * d)
        minus = centroids()
        with torch.no_grad():
            for w, d in zip(attention, direction):
                w.add_(eps * d)
        diff = (plus - minus) / (2 * eps)
        return float((diff ** 2).sum(1).mean())

    def unit_direction():
        parts = [torch.randn_like(w) for w in attention]
        n = torch.sqrt(sum((p ** 2).sum() for p in parts))
        return [p / n for p in parts]

    def coupling():
        response(unit_direction())

    def rank90():
        m = centroids().double()
        variance = torch.linalg.svdvals(m - m.mean(0)) ** 2
        explained = torch.cumsum(variance / variance.sum(), 0)
        return int((explained < 0.9).sum()) + 1

    def checkpoint():
        rank90()
        for _ in range(3 + 20):
            response(unit_direction())

    workloads = {"train_step_b512": train_step, "train_step_multitask_b512": multitask_step, "centroids_1024": centroids, "coupling_1024": coupling,
                 "analysed_checkpoint": checkpoint}
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "quit":
            break
        if cmd == "rss":
            print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
            continue
        t0 = time.perf_counter()
        workloads[cmd]()
        print(cmd, (time.perf_counter() - t0) * 1000, flush=True)


if __name__ == "__main__":
    main()

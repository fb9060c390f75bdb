"""Independent PyTorch implementation of the paper's model, used to check sedlab's SameDiff model.

Reads an .npz written by TorchReferenceTest (a checkpoint with PyTorch state_dict keys plus the
inputs and sedlab's outputs), recomputes logits, the loss gradient and the centroids with
torch.nn.TransformerEncoder, and prints the largest absolute differences as JSON.

Run with Debian's interpreter: /usr/bin/python3 torch_reference.py case.npz
"""
import json
import math
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Reference(nn.Module):
    def __init__(self, p, heads, d=128, n_heads=4, d_ff=256, layers=2):
        super().__init__()
        self.tok_emb = nn.Embedding(p, d)
        self.pos_emb = nn.Parameter(torch.zeros(2, d))
        layer = nn.TransformerEncoderLayer(d, n_heads, d_ff, dropout=0.0, activation="gelu",
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.ln = nn.LayerNorm(d)
        self.heads = heads
        for name in heads:
            setattr(self, name, nn.Linear(d, p))

    def embed(self, a, b):
        return self.tok_emb(torch.stack([a, b], dim=1)) + self.pos_emb.unsqueeze(0)

    def from_embedded(self, e):
        h = self.ln(self.encoder(e)[:, 0, :])
        return [getattr(self, name)(h) for name in self.heads]


def main(path):
    torch.set_num_threads(1)
    case = np.load(path)
    state = {k[len("state."):]: torch.from_numpy(case[k]) for k in case.files if k.startswith("state.")}
    heads = sorted({k.split(".")[0] for k in state if k.startswith("head")},
                   key=lambda h: ["head", "head_add", "head_sub", "head_mul", "head_sq"].index(h))
    p = state["tok_emb.weight"].shape[0]
    model = Reference(p, heads).double()
    model.load_state_dict({k: v.double() for k, v in state.items()}, strict=True)
    model.eval()

    a = torch.from_numpy(case["a"]).long()
    b = torch.from_numpy(case["b"]).long()
    labels = torch.from_numpy(case["labels"]).long()

    logits = model.from_embedded(model.embed(a, b))
    loss = sum(F.cross_entropy(z, labels[h]) for h, z in enumerate(logits))
    model.zero_grad()
    loss.backward()
    grads = {name: prm.grad.detach().clone().numpy() for name, prm in model.named_parameters()}

    e = model.embed(a, b).detach().requires_grad_(True)
    z = model.from_embedded(e)[0]
    z.gather(1, labels[0].unsqueeze(1)).sum().backward()
    centroids = e.grad.reshape(len(a), -1).numpy()

    diffs = {
        "logits": max(float(np.abs(z_h.detach().numpy() - case[f"ours.logits.{h}"]).max()) for h, z_h in enumerate(logits)),
        "loss": abs(float(loss) - float(case["ours.loss"])),
        "gradient": max(float(np.abs(grads[k] - case["ours.grad." + k]).max()) for k in grads),
        "centroids": float(np.abs(centroids - case["ours.centroids"]).max()),
        "gradient_scale": max(float(np.abs(g).max()) for g in grads.values()),
        "keys_checked": len(grads),
    }
    print(json.dumps(diffs))


if __name__ == "__main__":
    main(sys.argv[1])

package org.sedlab.model;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's default initialisation of the author's model: N(0,1) token embeddings, N(0,1)/sqrt(d)
 * positions, xavier-uniform in_proj, U(+-1/sqrt(fan_in)) for linears (attention biases 0),
 * LayerNorms at (1, 0). Layer 0 is drawn and every later layer is a copy of it, as PyTorch's
 * TransformerEncoder deep-copies one layer.
 */
public final class PyTorchInit {
    private PyTorchInit() {}

    public static void initialise(Parameters params, Architecture arch, RandomGenerator rng) {
        int d = arch.dModel();
        gaussian(params.view("tok_emb.weight"), 1.0, rng);
        gaussian(params.view("pos_emb"), 1.0 / Math.sqrt(d), rng);

        String l0 = ParameterLayout.layerPrefix(0);
        uniform(params.view(l0 + "self_attn.in_proj_weight"), Math.sqrt(6.0 / (d + 3.0 * d)), rng);
        params.view(l0 + "self_attn.in_proj_bias").assign(0);
        uniform(params.view(l0 + "self_attn.out_proj.weight"), 1 / Math.sqrt(d), rng);
        params.view(l0 + "self_attn.out_proj.bias").assign(0);
        uniform(params.view(l0 + "linear1.weight"), 1 / Math.sqrt(d), rng);
        uniform(params.view(l0 + "linear1.bias"), 1 / Math.sqrt(d), rng);
        uniform(params.view(l0 + "linear2.weight"), 1 / Math.sqrt(arch.dFF()), rng);
        uniform(params.view(l0 + "linear2.bias"), 1 / Math.sqrt(arch.dFF()), rng);
        for (String norm : new String[]{"norm1", "norm2"}) {
            params.view(l0 + norm + ".weight").assign(1);
            params.view(l0 + norm + ".bias").assign(0);
        }
        for (int l = 1; l < arch.nLayers(); l++) {
            String li = ParameterLayout.layerPrefix(l);
            for (String name : params.layout().stateDictOrder()) {
                if (name.startsWith(l0)) params.view(li + name.substring(l0.length())).assign(params.view(name));
            }
        }

        params.view("ln.weight").assign(1);
        params.view("ln.bias").assign(0);
        for (String h : arch.heads()) {
            uniform(params.view(h + ".weight"), 1 / Math.sqrt(d), rng);
            uniform(params.view(h + ".bias"), 1 / Math.sqrt(d), rng);
        }
    }

    private static void gaussian(INDArray target, double std, RandomGenerator rng) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * std;
        assignFlat(target, v);
    }

    private static void uniform(INDArray target, double bound, RandomGenerator rng) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) v[i] = (2 * rng.nextDouble() - 1) * bound;
        assignFlat(target, v);
    }

    private static void assignFlat(INDArray target, double[] values) {
        target.assign(org.nd4j.linalg.factory.Nd4j.create(values, target.shape(), target.dataType()));
    }
}

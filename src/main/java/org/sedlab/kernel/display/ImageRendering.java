package org.sedlab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Set;

/**
 * Any image (BufferedImage included) as image/png. jjava registers RenderedImage too, but its lookup
 * misses interfaces inherited through other interfaces, which is how BufferedImage gets there.
 */
final class ImageRendering implements ObjectRendering {

    static final String PNG = "image/png";

    @Override
    public String className() {
        return RenderedImage.class.getName();
    }

    @Override
    public Set<String> supportedTypes() {
        return Set.of(PNG);
    }

    @Override
    public Set<String> defaultTypes() {
        return Set.of(PNG);
    }

    @Override
    public void render(Object image, Set<String> types, DisplayData out) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write((RenderedImage) image, "png", png);
        out.putData(PNG, Base64.getEncoder().encodeToString(png.toByteArray()));
        RenderedImage rendered = (RenderedImage) image;
        out.putText(image.getClass().getSimpleName() + " " + rendered.getWidth() + "x" + rendered.getHeight());
    }
}

package org.sedlab.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Charts drawn one above the other on a shared step axis, as the paper's multi-panel figures are.
 * A notebook shows its {@link #image()}; {@link #save} writes it as PNG and SVG.
 */
public record StackedFigure(List<XYChart> panels) {
    public StackedFigure {
        panels = List.copyOf(panels);
        if (panels.isEmpty()) throw new IllegalArgumentException("a stacked figure needs at least one panel");
    }

    public int width() { return panels.stream().mapToInt(XYChart::getWidth).max().getAsInt(); }

    public int height() { return panels.stream().mapToInt(XYChart::getHeight).sum(); }

    /** The panels as one image, top to bottom. */
    public BufferedImage image() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        return image;
    }

    /** Saves {@code dir/name.png} and {@code dir/name.svg}, each written whole and then moved in place. */
    public void save(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".tmp.png");
            javax.imageio.ImageIO.write(image(), "png", png.toFile());
            Files.move(png, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            VectorGraphics2D vector = new VectorGraphics2D();
            paint(vector);
            Processor svg = Processors.get("svg");
            Document document = svg.getDocument(vector.getCommands(), new PageSize(0, 0, width(), height()));
            Path tmp = dir.resolve(name + ".tmp.svg");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                document.writeTo(out);
            }
            Files.move(tmp, dir.resolve(name + ".svg"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save figure " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void paint(Graphics2D g) {
        int y = 0;
        for (XYChart panel : panels) {
            Graphics2D panelGraphics = (Graphics2D) g.create(0, y, width(), panel.getHeight());
            panel.paint(panelGraphics, width(), panel.getHeight());
            panelGraphics.dispose();
            y += panel.getHeight();
        }
    }
}

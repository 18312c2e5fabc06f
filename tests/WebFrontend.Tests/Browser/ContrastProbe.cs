namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// The in-page contrast measurement shared by the page sweep and the key element checks, so both judge text the same
/// way: colours resolved through a canvas (oklch and color-mix compare like any other), the text's colour composited
/// over the backgrounds painted behind it, the opacity of its ancestors applied, and the WCAG ratio of the two.
/// </summary>
internal static class ContrastProbe
{
    /// <summary>
    /// JavaScript statements to place at the top of an evaluated function. They define
    /// <c>contrastOf(el, { throughImages })</c>: the contrast ratio of <c>el</c>'s own text against what is behind it.
    /// A gradient or other generated image behind the text has no colour the styles can tell, so by default the answer
    /// is then <c>null</c> (not measurable); with <c>throughImages: true</c> the background colours under the image
    /// are used, which suits DaisyUI's buttons and badges, whose images are a faint depth shading over a solid colour.
    /// </summary>
    public const string Functions = """
          const contrastCanvas = document.createElement("canvas");
          contrastCanvas.width = contrastCanvas.height = 1;
          const contrastContext = contrastCanvas.getContext("2d", { willReadFrequently: true });
          const rgba = (color) => {
            contrastContext.clearRect(0, 0, 1, 1);
            contrastContext.fillStyle = "#000";
            contrastContext.fillStyle = color;
            contrastContext.fillRect(0, 0, 1, 1);
            const [r, g, b, a] = contrastContext.getImageData(0, 0, 1, 1).data;
            return [r, g, b, a / 255];
          };
          const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
          const luminance = ([r, g, b]) => {
            const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
          };
          const backdrop = (el, throughImages) => {
            const layers = [];
            for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
              const style = getComputedStyle(node);
              if (!throughImages && style.backgroundImage !== "none" && !style.backgroundImage.startsWith("url(")) return null;
              const color = rgba(style.backgroundColor);
              if (color[3] > 0) layers.push(color);
              if (color[3] >= 1) break;
            }
            let base = [255, 255, 255, 1];
            for (const layer of layers.reverse()) base = over(layer, base);
            return base;
          };
          const opacityOf = (el) => {
            let opacity = 1;
            for (let node = el; node && node.nodeType === 1; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
            return opacity;
          };
          const contrastOf = (el, { throughImages = false } = {}) => {
            const back = backdrop(el, throughImages);
            if (!back) return null;
            const fore = rgba(getComputedStyle(el).color);
            fore[3] *= opacityOf(el);
            const [l1, l2] = [luminance(over(fore, back)), luminance(back)].sort((a, b) => b - a);
            return (l1 + 0.05) / (l2 + 0.05);
          };
        """;
}

/**
 * The notebook's formulas in TeX, as the CS231n notes and the dropout paper write them. They are typeset at build
 * time (src/build/katexFormulas.ts) into KaTeX's HTML and MathML; words around them are in the catalogues
 * (`formulas.<key>`), so a formula holds only symbols and code names (out, mask, dout, dx, rel_error).
 */
export const FORMULA_TEX = {
  trainForward: String.raw`\mathrm{out} = \frac{x \odot \mathrm{mask}}{p}, \qquad \mathrm{mask}_i \sim \mathrm{Bernoulli}(p)`,
  testForward: String.raw`\mathrm{out} = x`,
  expectation: String.raw`\mathbb{E}[\mathrm{out}_i] = p \cdot \frac{x_i}{p} + (1 - p) \cdot 0 = x_i`,
  vanillaTrain: String.raw`\mathrm{out} = x \odot \mathrm{mask}, \qquad \mathbb{E}[\mathrm{out}_i] = p\,x_i`,
  vanillaTest: String.raw`\mathrm{out} = p\,x`,
  gaussian: String.raw`\mathrm{out} = x \odot m, \qquad m_i \sim \mathcal{N}\!\left(1,\ \frac{1 - p}{p}\right)`,
  backward: String.raw`\mathrm{dx} = \frac{\mathrm{dout} \odot \mathrm{mask}}{p}`,
  numericGradient: String.raw`\frac{\partial f}{\partial x_i} \approx \frac{f(x + h\,e_i) - f(x - h\,e_i)}{2h}, \qquad h = 10^{-5}`,
  relError: String.raw`\mathrm{rel\_error}(a, b) = \max_i \frac{\lvert a_i - b_i \rvert}{\max\!\left(10^{-8},\ \lvert a_i \rvert + \lvert b_i \rvert\right)}`,
  softmaxLoss: String.raw`L = -\frac{1}{N} \sum_{i=1}^{N} \log \frac{e^{s_{i, y_i}}}{\sum_{j} e^{s_{i j}}} + \frac{\lambda}{2} \sum_{l} \lVert W_l \rVert^2`,
  adam: String.raw`\begin{aligned}
t &\leftarrow t + 1 \\
m &\leftarrow \beta_1 m + (1 - \beta_1)\, \mathrm{dw} \\
v &\leftarrow \beta_2 v + (1 - \beta_2)\, \mathrm{dw}^2 \\
w &\leftarrow w - \alpha\, \frac{m / (1 - \beta_1^{\,t})}{\sqrt{v / (1 - \beta_2^{\,t})} + \epsilon}
\end{aligned}`,
  fixedPn: String.raw`n(p) = \mathrm{round}\!\left(\frac{k}{p}\right), \qquad p \cdot n(p) \approx k`,
  mcAverage: String.raw`P(y \mid x) \approx \frac{1}{k} \sum_{j=1}^{k} \mathrm{softmax}\big(f(x;\ \mathrm{mask}^{(j)})\big)_y`,
} as const;

export type FormulaKey = keyof typeof FORMULA_TEX;

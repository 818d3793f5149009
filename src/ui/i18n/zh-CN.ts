import type { Catalogue } from './en.ts';

/**
 * 简体中文。术语依照 CS231n Dropout 作业的中文讲解：Dropout（随机失活）、保留概率 p、前向传播 / 反向传播、
 * 训练准确率 / 验证准确率、过拟合、正则化、掩码、神经元、隐藏层、全连接网络、梯度检验、相对误差、学习率、
 * 批大小、轮次（epoch）、随机种子。代码保持原样。
 */
export const zhCN: Catalogue = {
  app: {
    title: 'Dropout 实验室',
    intro: '把斯坦福 CS231n 的 Dropout 作业做成一个可以运行的笔记本：从上到下阅读每个单元，然后点击它的“运行”按钮。所有计算都在你的浏览器里、在主线程之外完成。',
    language: '语言',
  },
  cell: {
    run: '运行',
    running: '运行中…',
    ranIn: '用时 {time}',
  },
  errorBoundary: {
    message: '绘制{what}时出错：{message}。笔记本的其余部分仍可使用，已经测得的结果都不会丢失。',
    retry: '重试',
    forward: '前向传播单元',
    backward: '反向传播单元',
    net: '网络单元',
    experiment: '正则化实验',
    runs: '运行记录面板',
    sweep: '扫描',
  },
  scaling: {
    legend: '缩放方式',
    inverted: '反向 Dropout（除以 p）',
    none: '不缩放',
    vanilla: '普通 Dropout',
    invertedShort: '反向',
    noneShort: '不缩放',
    vanillaShort: '普通',
  },
  forward: {
    title: 'Dropout 前向传播',
    intro:
      '训练模式下，每个神经元以概率 <var>p</var>（<em>保留</em>概率）被保留，保留下来的值再除以 <var>p</var>；测试模式下这一层直接输出输入。检验把 <code>x = randn(500, 500) + 10</code> 分别送入两种模式：训练时的均值应与输入均值一致，且约 <var>1 − p</var> 的输出为零。',
    tableLabel: 'Dropout 前向传播结果',
    inputMean: '输入均值',
    trainMean: '训练时均值',
    testMean: '测试时均值',
    testOverTrain: '测试 / 训练',
    zerosTrain: '训练时零的比例',
    zerosTest: '测试时零的比例',
    noteInverted: '训练时和测试时的均值一致：训练时除以 p 使激活的期望不变，所以测试时无需任何改动。',
    noteNone: '不缩放时，训练时的均值约为测试时均值的 p 倍：测试时下一层看到的激活约是训练时的 1/p 倍。',
    noteVanilla: '普通 Dropout 训练时不缩放，测试时改为乘以 p：均值再次一致，代价是测试时多一步计算。',
  },
  backward: {
    title: 'Dropout 反向传播',
    intro:
      '反向传播让上游梯度经过同一个掩码：<code>dx = dout * mask</code>。检验在 <code>x = randn(10, 10) + 10</code>、<var>p</var> = 0.2、float64 下把它与中心差分的数值梯度比较；相对误差应当极小（作业中约为 1e-11）。',
    dxRelError: 'dx 相对误差',
  },
  net: {
    title: '带 Dropout 的全连接网络',
    intro:
      "网络 <code>'{'affine – ReLU – dropout'}' × 2 – affine – softmax</code>，N, D, H1, H2, C = 2, 15, 20, 30, 10，权重尺度 5e-2，float64，掩码随机种子固定。对每个保留概率给出：初始损失（权重很小时约为 ln 10 ≈ 2.30）以及每个参数梯度的相对误差（低于 1e-4 说明反向传播正确）。",
    tableLabel: '梯度检验结果',
    dropout: 'Dropout（保留概率 p）',
    initialLoss: '初始损失',
    relError: '{name} 相对误差',
  },
};

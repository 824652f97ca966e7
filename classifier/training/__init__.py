"""Training Vigil's scorer: corpora, the grouped split, fitting, evaluation and the model card.

Not runtime code: scoring never imports this package, and it is left out of the wheel (`vigil train`
runs from a source checkout with the ``[train]`` extra).
"""

from classifier.training.pipeline import TrainOptions, train

__all__ = ["TrainOptions", "train"]

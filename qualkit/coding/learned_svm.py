"""The learned coder's linear SVMs, solved where it is cheapest, and their calibration.

:func:`linear_svms` fits one linear SVM (hinge loss, classes weighted to balance) per
0/1 code and one-vs-rest SVMs per group of exclusive categories, all on the same
features. Each is a linear model ``w . x + b``. When the units x units kernel
``F F'`` has fewer cells than ``F`` has non-zero values (few, long texts: paragraphs,
interview answers) the SVMs are solved on that kernel, computed once for all codes
(libsvm, ``SVC(kernel="precomputed")``), and ``w`` is read back from the support
vectors; otherwise per code on the features (liblinear, ``LinearSVC``).
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.svm import SVC, LinearSVC


def balanced_weights(labels: np.ndarray) -> np.ndarray:
    """Per unit the weight of its class, ``n / (classes * n_class)`` (scikit-learn's ``class_weight="balanced"``)."""
    _, index, counts = np.unique(labels, return_inverse=True, return_counts=True)
    return (len(labels) / (counts.size * counts))[index.ravel()]


def linear_svms(F, problems: list[tuple[np.ndarray, np.ndarray]], C: float, random_state: int = 0,
                solver: str = "auto") -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per problem ``(rows, labels)`` (a boolean mask of units, an int label per masked unit:
    0/1 for a code, class indices for a group) its classes, weights (classes x features;
    one row for 0/1) and intercepts. Two classes give one row."""
    F = sparse.csr_matrix(F)
    kernel = solver == "kernel" or (solver == "auto" and F.shape[0] ** 2 < F.nnz)   # else "linear"
    K = (F @ F.T).toarray() if kernel and problems else None
    out = []
    for rows, labels in problems:
        classes = np.unique(labels)
        if K is None:
            svm = LinearSVC(C=C, loss="hinge", tol=1e-3, class_weight="balanced", max_iter=1000,
                            random_state=random_state)
            svm.fit(F[rows], labels)
            out.append((classes, svm.coef_, svm.intercept_))
            continue
        sub = K if rows.all() else K[np.ix_(rows, rows)]
        support = F[np.flatnonzero(rows)]
        balanced = balanced_weights(labels)
        W, b = [], []
        for k in classes[1:] if len(classes) == 2 else classes:    # one-vs-rest: the rest weigh 1 (as liblinear)
            y = (labels == k).astype(int)
            svm = SVC(C=C, kernel="precomputed", tol=1e-3, random_state=random_state)
            svm.fit(sub, y, sample_weight=balanced if len(classes) == 2 else np.where(y == 1, balanced, 1.0))
            W.append(np.asarray(svm.dual_coef_ @ support[svm.support_]).ravel())
            b.append(float(svm.intercept_[0]))
        out.append((classes, np.vstack(W), np.array(b)))
    return out

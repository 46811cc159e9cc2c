"""Train the student's own modules: find their classes, build the preset's network of them
(read by gradcheck.reading), give them the preset's initial weights, check them first."""

from __future__ import annotations

import copy
import re

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.reading import with_widths
from gradcheck.train.config import Config


def needed(config: Config) -> list[str]:
    """The module types of the preset's network (as build_network makes it), in order, each
    once."""
    from gradcheck.train.network import build_network

    net = build_network(config, 2, 2)  # the architecture alone: widths do not matter
    return list(dict.fromkeys(type(m).__name__ for m in [*net.model.modules, net.criterion]))


def key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def aliases(ref: str) -> set[str]:
    """The class names (as key() gives them) that --modules matches to a built-in."""
    from gradcheck.modules.registry import spec

    return {key(ref), *spec(ref).aliases}


def find_classes(refs: list[str], modules_file: str | None, explicit: dict[str, str]) -> dict:
    """{reference: class}: --module REF=FILE:Class first, else the class of --modules FILE
    whose name is the reference's or an alias, case and underscores aside."""
    from gradcheck.threeway import load

    found, classes = {}, {}
    if modules_file:
        module = load._import(load.parse_spec(f"{modules_file}:_")[0])
        classes = {
            k: v
            for k, v in vars(module).items()
            if isinstance(v, type) and v.__module__ == module.__name__
        }
    for ref in refs:
        if ref in explicit:
            found[ref] = load.load_class(explicit[ref])
            continue
        if not modules_file:
            raise GradcheckError(
                f"no class for {ref}: give --modules FILE or --module {ref}=FILE:Class"
            )
        match = [n for n in classes if key(n) in aliases(ref)]
        if len(match) != 1:
            what = "no class" if not match else f"{len(match)} classes ({', '.join(match)})"
            raise GradcheckError(
                f"{modules_file} has {what} for {ref}: classes found: "
                f"{', '.join(sorted(classes)) or 'none'}; name one with --module "
                f"{ref}=FILE:Class"
            )
        found[ref] = classes[match[0]]
    return found


def build(config: Config, classes: dict, n_in: int, n_classes: int, own_init: bool = False):
    """The preset's network made of instances of the student's classes, read by
    gradcheck.reading; the preset's initial weights copied in (unless own_init)."""
    from gradcheck.modules import Sequential
    from gradcheck.reading import read
    from gradcheck.train.network import Network, build_network

    np.random.seed(config.seed)  # noqa: NPY002 - students' constructors call np.random.* directly
    builtin = build_network(config, n_in, n_classes)
    sizes = [m.n_in for m in builtin.linears] + [n_classes]
    layers, k = [], 0
    for m in builtin.model.modules:
        ref = type(m).__name__
        args = (sizes[k], sizes[k + 1]) if with_widths(ref) else ()
        obj = instantiate(classes[ref], args, ref)
        lay = _tag(
            read(obj, reference=ref, n=sizes[k], args=args, seed=config.seed, randomize=False),
            obj,
            ref,
            args,
        )
        if with_widths(ref):
            if not own_init:
                for p, value in zip(lay.params, m.params, strict=True):
                    p[...] = value
            k += 1
        layers.append(lay)
    ref = type(builtin.criterion).__name__
    obj = instantiate(classes[ref], (), ref)
    crit = _tag(read(obj, reference=ref, n=n_classes, criterion=True), obj, ref, ())
    return Network(Sequential(*layers), crit)


def network_of(layers: list, criterion, references: list[str] | None = None, seed: int = 0):
    """A Network of the student's own instances, in order (references: the module type of each,
    then the criterion's; default: from their class names, as --modules finds them)."""
    from gradcheck.modules import Sequential
    from gradcheck.reading import read
    from gradcheck.train.network import Network

    objs = [*layers, criterion]
    refs = list(references) if references else [reference_of(type(o)) for o in objs]
    if len(refs) != len(objs):
        raise GradcheckError(
            f"references name {len(refs)} module types for {len(objs)} "
            "modules (the layers, then the criterion)"
        )
    read_layers, width = [], None
    for obj, ref in zip(layers, refs, strict=False):
        lay = read(obj, reference=ref, n=width, seed=seed, randomize=False)
        _tag(lay, obj, ref, tuple(lay.params[0].shape) if with_widths(ref) else ())
        if with_widths(ref):
            width = lay.params[0].shape[1]
        read_layers.append(lay)
    crit = read(criterion, reference=refs[-1], n=width, criterion=True)
    _tag(crit, criterion, refs[-1], ())
    return Network(Sequential(*read_layers), crit)


def reference_of(cls: type) -> str:
    """The module type a class implements, by its name or an alias."""
    from gradcheck.modules.registry import names

    for ref in names():
        if key(cls.__name__) in aliases(ref):
            return ref
    raise GradcheckError(
        f"cannot tell which module type {cls.__name__} implements: give "
        f"references=[...] (one of {', '.join(names())} per module)"
    )


def instantiate(cls: type, args: tuple, ref: str):
    from gradcheck.threeway import load

    try:
        return load.instantiate(cls, args)
    except GradcheckError as e:
        shown = f"{cls.__name__}({', '.join(map(str, args))})"
        raise GradcheckError(
            f"{ref}: {shown} could not be built ({e}); the network builds {ref} as {shown}"
        ) from None


def _tag(lay, obj, ref: str, args: tuple):
    """What training and its pre-check need to know of a read module: its name (with a
    Linear's widths), the module type it implements, its constructor arguments, its class."""
    lay.name, lay.reference, lay.args, lay.cls = _label(type(obj), args), ref, args, type(obj)
    return lay


def _label(cls: type, args: tuple) -> str:
    return f"{cls.__name__}({', '.join(map(str, args))})" if args else cls.__name__


def is_students(network) -> bool:
    return any(getattr(m, "sandbox", None) is not None for m in network.model.modules)


def precheck(network, seed: int = 0, batch: int = 2):
    """Each of the student's module types verified three ways, as built for this network (a
    copy of the instance, at its real sizes, all-zero parameters drawn at random), on a small
    batch."""
    from gradcheck.reading import read
    from gradcheck.threeway import VerifyReport, verify

    results: list = []
    seen: set[type] = set()
    for m, n in _widths(network):
        if m.cls in seen:
            continue
        seen.add(m.cls)
        lay = read(copy.deepcopy(m.obj), reference=m.reference, n=n, args=m.args, seed=seed)
        lay.name = m.name
        results += verify(lay, reference=m.reference, seed=seed, batch=batch, size=n).results
    return VerifyReport(tuple(results))


def _widths(network):
    """(module, the input width it sees in the network), the criterion last."""
    width = network.model.modules[0].params[0].shape[0]  # the first Linear's n_in
    for m in [*network.model.modules, network.criterion]:
        yield m, width
        if with_widths(getattr(m, "reference", None)):
            width = m.params[0].shape[1]


def notes(network) -> tuple[str, ...]:
    """How the student's cost was read and converted, and what reading decided."""
    found = []
    for m in [*network.model.modules, network.criterion]:
        reading = getattr(m, "reading", "")
        if reading:
            found.append(f"{m.name} {reading}")
        found += [f"{m.name}: {n}" for n in getattr(m, "notes", ())]
    c = network.criterion
    if getattr(c, "reduction", "mean") != "mean":
        found.append(
            f"{c.name}'s cost is read as {c.reduction}: trained on the batch mean, "
            "so the learning rate means what it means for the built-ins"
        )
    return tuple(found)


def culprit(network, x: np.ndarray, t: np.ndarray) -> str:
    """Which of the student's modules first gives a non-finite value on this batch, and why."""
    with np.errstate(all="ignore"):
        for m in network.model.modules:
            x = m.fprop(x)
            if not np.isfinite(x).all():
                return f"the first non-finite output is {m.name}'s: {hint(m.reference)}"
    return f"{network.criterion.name} gives it: {hint(network.criterion.reference)}"


def hint(ref: str) -> str:
    """Why a built-in's output may go non-finite (its Spec.hint), or nothing."""
    from gradcheck.modules.registry import specs

    return specs()[ref].hint if ref in specs() else ""

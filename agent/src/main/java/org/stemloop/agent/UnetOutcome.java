package org.stemloop.agent;

import java.util.List;
import org.stemloop.unet.UnetAtom;

/** The U-Net's atoms on a frame and the milliseconds it took (inference and coordinates). */
record UnetOutcome(List<UnetAtom> atoms, double ms) {

    UnetOutcome {
        atoms = List.copyOf(atoms);
    }
}

package org.stemloop.trainer;

import java.util.Objects;
import org.stemloop.reward.Material;

/**
 * How one U-Net is trained.
 *
 * @param material      the crystal simulated for training
 * @param size          training frame side in pixels, a multiple of 8 (96-128 is plenty: the
 *                      network is fully convolutional and its receptive field ~70 px)
 * @param batch         frames per step
 * @param epochs        passes; each sees {@code stepsPerEpoch x batch} fresh frames (never repeated)
 * @param stepsPerEpoch optimiser steps per epoch
 * @param learningRate  Adam's step size (AtomAI's default 1e-3); halved for the last third of the epochs
 * @param seed          seed of the weight initialisation and of every training frame
 * @param augmentation  the variation of the training frames
 * @param domain        the real-frame effects added to some of them ({@link DomainRandomisation})
 * @param realistic     the share drawn from the realistic simulator instead ({@link RealisticSampling})
 * @param clipGrad      Adam's gradient clipping (each element to [-clip, clip]); 0 for none
 */
record TrainingSettings(Material material, int size, int batch, int epochs, int stepsPerEpoch, float learningRate,
        long seed, Augmentation augmentation, DomainRandomisation domain, RealisticSampling realistic, float clipGrad) {

    /** Settings without gradient clipping. */
    TrainingSettings(Material material, int size, int batch, int epochs, int stepsPerEpoch, float learningRate,
            long seed, Augmentation augmentation, DomainRandomisation domain, RealisticSampling realistic) {
        this(material, size, batch, epochs, stepsPerEpoch, learningRate, seed, augmentation, domain, realistic, 0f);
    }

    /** Settings without the realistic simulator. */
    TrainingSettings(Material material, int size, int batch, int epochs, int stepsPerEpoch, float learningRate,
            long seed, Augmentation augmentation, DomainRandomisation domain) {
        this(material, size, batch, epochs, stepsPerEpoch, learningRate, seed, augmentation, domain, RealisticSampling.NONE);
    }

    /** Settings without domain randomisation (the simulator's frames, augmented). */
    TrainingSettings(Material material, int size, int batch, int epochs, int stepsPerEpoch, float learningRate,
            long seed, Augmentation augmentation) {
        this(material, size, batch, epochs, stepsPerEpoch, learningRate, seed, augmentation, DomainRandomisation.NONE);
    }

    TrainingSettings {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(realistic, "realistic");
        if (batch < 1 || epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("batch, epochs and steps per epoch must be at least 1: %d, %d, %d"
                    .formatted(batch, epochs, stepsPerEpoch));
        }
        if (!(clipGrad >= 0)) {
            throw new IllegalArgumentException("Gradient clipping must be 0 (none) or positive: " + clipGrad);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("Learning rate must be positive: " + learningRate);
        }
    }

    /** Frames seen in all. */
    long frames() {
        return (long) epochs * stepsPerEpoch * batch;
    }

    TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(material, size, batch, epochs, stepsPerEpoch, learningRate, newSeed, augmentation, domain, realistic, clipGrad);
    }
}

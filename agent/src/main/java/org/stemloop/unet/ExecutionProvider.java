package org.stemloop.unet;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

/**
 * Where ONNX Runtime runs the network: CUDA when the GPU package of ONNX Runtime is on the class
 * path and a GPU answers, the CPU otherwise. Nothing to configure: the same jar and the same
 * command work on both kinds of machine.
 */
public enum ExecutionProvider {
    /** ONNX Runtime's default CPU provider. */
    CPU,
    /** NVIDIA CUDA (needs {@code com.microsoft.onnxruntime:onnxruntime_gpu} and a driver). */
    CUDA;

    /**
     * Adds the CUDA provider to {@code options} when this ONNX Runtime package offers it.
     *
     * @return whether it was added; when not (the CPU package, or no usable driver), the caller
     *         creates a CPU session instead, and does so too when a CUDA session fails to start
     */
    static boolean addCuda(OrtSession.SessionOptions options) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return false;
        }
        try {
            options.addCUDA(0);
            return true;
        } catch (OrtException e) {
            return false;
        }
    }
}

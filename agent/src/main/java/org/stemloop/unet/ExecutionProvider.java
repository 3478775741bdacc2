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
     * Options for a new session: CUDA if it can be added, otherwise the CPU. A CUDA provider that
     * is listed but fails to start (no driver, no device) falls back to the CPU too.
     *
     * @return the provider actually chosen
     */
    static ExecutionProvider configure(OrtSession.SessionOptions options) throws OrtException {
        if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            try {
                options.addCUDA(0);
                return CUDA;
            } catch (OrtException | RuntimeException e) {
                // no usable GPU although the package has the provider: the CPU serves
            }
        }
        return CPU;
    }
}

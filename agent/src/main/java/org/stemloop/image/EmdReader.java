package org.stemloop.image;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.nio.file.Path;

/**
 * {@code .emd} files, both dialects of the Electron Microscopy Dataset format in HDF5: ThermoFisher
 * Velox ({@link VeloxEmd}) and Berkeley EMD v0.2 ({@link BerkeleyEmd}), told apart by their layout.
 * Reads through jhdf (pure Java); only the first frame's bytes are read from a stack.
 */
final class EmdReader {

    private EmdReader() {
    }

    /**
     * Reads the first image.
     *
     * @param head the file's first bytes (at least the superblock), for the truncation check
     * @param fileLength the file's length in bytes
     */
    static LoadedImage read(Path file, byte[] head, long fileLength) throws ImageFormatException {
        long declared = Hdf5Superblock.declaredLength(head);
        if (declared > fileLength) {
            throw new ImageFormatException(file, "truncated: HDF5 superblock says %d bytes, file has %d".formatted(declared, fileLength));
        }
        String source = String.valueOf(file);
        try (HdfFile hdf = new HdfFile(file)) {
            if (hdf.getChildren().get("Data") instanceof Group velox
                    && velox.getChildren().get("Image") instanceof Group images) {
                return VeloxEmd.read(images, source);
            }
            if (hdf.getChildren().get(BerkeleyEmd.DATA) instanceof Group data) {
                Group group = BerkeleyEmd.findDataGroup(data);
                if (group != null) {
                    return BerkeleyEmd.read(group, source);
                }
            }
            throw new ImageFormatException(file, "HDF5 file is neither Velox EMD (" + VeloxEmd.IMAGES
                    + ") nor Berkeley EMD (a group under data/ with emd_group_type = 1)");
        } catch (RuntimeException e) {
            // jhdf reports corrupt structures with unchecked HdfException and friends.
            throw new ImageFormatException(file, "cannot read HDF5 (corrupt or truncated): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }
}

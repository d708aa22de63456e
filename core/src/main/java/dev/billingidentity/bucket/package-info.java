/**
 * The billing bucket, as the library checks it before every plan and in every verification: it exists, vector can
 * reach it in the configured region, whose it is, and which KMS key (if any) its default encryption makes vector's
 * role need. The library only reads the bucket, through {@link dev.billingidentity.spi.aws.S3Port}.
 */
package dev.billingidentity.bucket;

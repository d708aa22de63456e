package dev.billingidentity.plan;

/**
 * How much of the role's trust policy quota a plan uses.
 *
 * @param size the characters of the planned trust policy (minified), as IAM counts them
 * @param quota the account's trust policy size quota (2,048 by default)
 * @param subjects the exact subjects the planned trust holds
 * @param moreSubjectsThatFit how many more control planes (of host namespaces as long as the longest planned one)
 *     would still fit under the quota
 */
public record TrustCapacity(int size, int quota, int subjects, int moreSubjectsThatFit) {
  /** {@return whether the planned trust policy fits} */
  public boolean fits() {
    return size <= quota;
  }

  @Override
  public String toString() {
    return "trust policy " + size + "/" + quota + " characters, " + subjects + " subjects, room for "
        + moreSubjectsThatFit + " more";
  }
}

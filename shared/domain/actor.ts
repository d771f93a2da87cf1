/** Who acts in an administrative use case: the token's subject (and address, where the token carries one). */
export interface Actor {
  subject: string;
  email?: string;
}
